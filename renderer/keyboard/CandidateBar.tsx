// Chinese characters for the pinyin just typed. simple-keyboard has a candidate box of its own,
// but it renders list items (no button role, no accessible name) at 40 px; a kiosk needs real
// buttons of touch size, so the bar is drawn here from the same candidate data.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { choose, loadCandidates, matchPinyin, type CandidateList } from './pinyin.ts';

const PAGE = 9;

export function CandidateBar({
  value,
  onChange,
}: {
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const [list, setList] = useState<CandidateList | null>(null);
  const [page, setPage] = useState<{ for: string; index: number }>({ for: '', index: 0 });

  useEffect(() => {
    let live = true;
    void loadCandidates().then((l) => {
      if (live) setList(l);
    });
    return () => {
      live = false;
    };
  }, []);

  const match = list ? matchPinyin(value, list) : null;
  const index = page.for === value ? page.index : 0;
  const pages = match ? Math.ceil(match.characters.length / PAGE) : 0;
  const shown = match ? match.characters.slice(index * PAGE, index * PAGE + PAGE) : [];

  return (
    <div className="candidates" role="group" aria-label={t('keyboard.candidates')}>
      {match && (
        <>
          <span className="candidates-pinyin" aria-hidden="true">
            {match.syllable}
          </span>
          <button
            type="button"
            className="candidate-page"
            aria-label={t('keyboard.previous')}
            disabled={index === 0}
            onClick={() => setPage({ for: value, index: index - 1 })}
          >
            ‹
          </button>
          {shown.map((c) => (
            <button
              key={c}
              type="button"
              className="candidate"
              lang="zh-Hans"
              onClick={() => onChange(choose(value, match, c))}
            >
              {c}
            </button>
          ))}
          <button
            type="button"
            className="candidate-page"
            aria-label={t('keyboard.next')}
            disabled={index >= pages - 1}
            onClick={() => setPage({ for: value, index: index + 1 })}
          >
            ›
          </button>
        </>
      )}
    </div>
  );
}
