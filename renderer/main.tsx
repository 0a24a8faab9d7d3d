import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Boot } from './Boot.tsx';
import { createClient } from './bridge/client.ts';
import { pickTransport } from './bridge/pick.ts';
import './styles/index.css';

const transport = pickTransport(window);
const client = transport.kind === 'none' ? null : createClient(transport.bridge);
// Asked for at once, not after React's first render: cold start waits on this reply. Boot reports
// a failure; the catch only keeps it from counting as unhandled before Boot awaits it.
const firstConfig = client?.getConfig({});
firstConfig?.catch(() => undefined);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Boot
        client={client}
        reloadPage={() => window.location.reload()}
        browserLanguage={navigator.language}
        {...(firstConfig && { firstConfig })}
      />
    </StrictMode>,
  );
}
