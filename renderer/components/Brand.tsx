import { useKiosk } from '../state/context.tsx';

export function Brand() {
  const { branding } = useKiosk().config;
  return (
    <div className="brand">
      {branding.logo && <img className="brand-logo" src={branding.logo} alt="" draggable={false} />}
      <span className="brand-name">{branding.name}</span>
    </div>
  );
}
