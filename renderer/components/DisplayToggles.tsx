// Beside the brand: larger text and high contrast, for this customer only (both reset with the
// next customer).
import { useTranslation } from 'react-i18next';
import { useFlow } from '../state/context.tsx';

interface ToggleProps {
  on: boolean;
  onToggle: () => void;
  icon: string;
  iconClass?: string;
  label: string;
}

function DisplayToggle({ on, onToggle, icon, iconClass = '', label }: ToggleProps) {
  return (
    <button type="button" className="display-toggle" aria-pressed={on} onClick={onToggle}>
      <span className={`display-icon ${iconClass}`} aria-hidden="true">
        {icon}
      </span>
      {label}
    </button>
  );
}

export function DisplayToggles() {
  const { t } = useTranslation();
  const largeText = useFlow((f) => f.largeText);
  const toggleLargeText = useFlow((f) => f.toggleLargeText);
  const highContrast = useFlow((f) => f.highContrast);
  const toggleContrast = useFlow((f) => f.toggleContrast);
  return (
    <div className="display-toggles">
      <DisplayToggle
        on={largeText}
        onToggle={toggleLargeText}
        icon="A+"
        iconClass="text-size"
        label={t('textSize.label')}
      />
      <DisplayToggle
        on={highContrast}
        onToggle={toggleContrast}
        icon="◐"
        label={t('contrast.label')}
      />
    </div>
  );
}
