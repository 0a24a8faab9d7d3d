// A row of numbered buttons with the meaning of both ends written under them (NPS 0-10, CES
// 1-7). One tap answers; the screen moves on.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  from: number;
  to: number;
  lowLabel: string;
  highLabel: string;
  prompt: string;
  onChoose: (value: number) => void;
}

export function Scale({ from, to, lowLabel, highLabel, prompt, onChoose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const values = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return (
    <div
      className="scale"
      role="group"
      aria-labelledby={`${id}-prompt`}
      aria-describedby={`${id}-ends`}
    >
      <h1 className="prompt" id={`${id}-prompt`}>
        {prompt}
      </h1>
      <div className={`scale-buttons count-${values.length}`}>
        {values.map((v) => (
          <button key={v} type="button" className="scale-button" onClick={() => onChoose(v)}>
            {v}
          </button>
        ))}
      </div>
      <div className="scale-ends" id={`${id}-ends`}>
        <span className="scale-end">
          <span className="visually-hidden">{t('scale.legend', { from, to })}: </span>
          {from} = {lowLabel}
        </span>
        <span className="scale-end">
          {to} = {highLabel}
        </span>
      </div>
    </div>
  );
}
