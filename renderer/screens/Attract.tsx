// The "tap anywhere to start" idle screen, for kiosks whose config asks for it (the default idle
// screen is the faces themselves): the welcome line, gentle motion to catch the eye. The whole
// stage is one button, so any tap starts.
import { useTranslation } from 'react-i18next';
import { Face } from '../components/Face.tsx';
import { Greeting } from '../components/Greeting.tsx';
import { useFlow } from '../state/context.tsx';

export function Attract() {
  const { t } = useTranslation();
  const begin = useFlow((f) => f.begin);
  return (
    <button type="button" className="attract" onClick={begin}>
      <span className="attract-faces" aria-hidden="true">
        {[5, 4, 3].map((mood) => (
          <span key={mood} className="floater">
            <Face mood={mood} />
          </span>
        ))}
      </span>
      <Greeting /> <span className="attract-subtitle">{t('attract.subtitle')}</span>{' '}
      <span className="attract-start">{t('attract.start')}</span>
    </button>
  );
}
