// The frame every screen lives in: brand on top, the current screen, languages and contrast at
// the bottom, the "Still there?" countdown and the hidden admin corner over it all.
import {
  lazy,
  memo,
  Suspense,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { Admin } from './admin/Admin.tsx';
import { Brand } from './components/Brand.tsx';
import { DisplayToggles } from './components/DisplayToggles.tsx';
import { LanguageSwitcher } from './components/LanguageSwitcher.tsx';
import { StillThere } from './components/StillThere.tsx';
import { TalkNow } from './components/TalkNow.tsx';
import { useIdle } from './hooks/useIdle.ts';
import { useScreenAnnouncer } from './hooks/useScreenAnnouncer.ts';
import { useTouchGuard } from './hooks/useTouchGuard.ts';
import { directionOf } from './i18n/languages.ts';
import { Attract } from './screens/Attract.tsx';
import { Comment } from './screens/Comment.tsx';
import { Ces, Nps } from './screens/Ratings.tsx';
import { Reasons } from './screens/Reasons.tsx';
import { Smiley } from './screens/Smiley.tsx';
import { ThankYou } from './screens/ThankYou.tsx';
import { afterPaint } from './after-paint.ts';
import { ScreenSlot } from './ScreenSlot.tsx';
import { useFlow, useKiosk } from './state/context.tsx';
import { nextScreen, type Screen } from './state/steps.ts';
import { themeColours } from './theme.ts';

export const loadContact = () => import('./screens/Contact.tsx');
const Contact = lazy(loadContact);

/** After a screen changes, taps are ignored this long: a double tap must not answer twice. */
const SETTLE_MS = 300;
const WARN_MS = 5000;

/**
 * One element per screen, made once: the same element object where a screen drawn ahead becomes
 * the current one (or the frame re-renders around it) lets React skip rendering it again. The
 * screens take no props; they read the store.
 */
const SCREENS: Record<Screen, ReactNode> = {
  attract: <Attract />,
  smiley: <Smiley />,
  reasons: <Reasons />,
  nps: <Nps />,
  ces: <Ces />,
  comment: <Comment />,
  contact: (
    <Suspense fallback={null}>
      <Contact />
    </Suspense>
  ),
  thanks: <ThankYou />,
};

/**
 * Screens that do nothing while they are drawn ahead, hidden (no fetch; the goodbye's lock waits
 * until it is shown), so the one the customer will most likely see next can be drawn while they
 * read this one (usePrepared).
 */
const PREPARABLE: ReadonlySet<Screen> = new Set(['reasons', 'nps', 'ces', 'comment', 'thanks']);

/**
 * The screen to draw ahead, hidden under the current one, so the tap that opens it only reveals
 * a finished screen (its render, style and layout done) instead of building it inside the frame
 * the customer waits for. Drawn once the current screen is painted: inside the settle time after
 * a change, when taps are ignored anyway.
 */
function usePrepared(screen: Screen, visit: number): Screen | null {
  const { survey } = useKiosk().config;
  const upcoming = useFlow((f) => nextScreen(survey, f.draft, f.screen));
  const [painted, setPainted] = useState(-1);
  useEffect(() => afterPaint(() => setPainted(visit)), [visit]);
  return painted === visit && PREPARABLE.has(upcoming) ? upcoming : null;
}

/**
 * The screen just left, kept (hidden) until the new one has been painted. Taking a screen down
 * (its DOM, its effects, the keyboard going back to its dock) cost the frame the customer's tap
 * waited for about as much as showing the next one (bench/tap-latency.ts traces at 4x CPU
 * throttling: 3-5 ms of DOM removal and unmount effects in the idle face's and Send's taps).
 * It goes in the task after that frame.
 */
function useLeaving(screen: Screen): Screen | null {
  const [shown, setShown] = useState(screen);
  useEffect(() => afterPaint(() => setShown(screen)), [screen]);
  return shown !== screen ? shown : null;
}

// The parts around the screen read the store themselves; memo keeps a screen change (which
// re-renders this frame) from re-rendering them too: a tap pays only for the new screen.
const TopBar = memo(function TopBar() {
  return (
    <header className="topbar">
      <Brand />
      <DisplayToggles />
    </header>
  );
});
const BottomBar = memo(function BottomBar() {
  return (
    <footer className="bottombar">
      <LanguageSwitcher />
    </footer>
  );
});
const Help = memo(TalkNow);
const AdminLayer = memo(Admin);

export function ScreenFrame() {
  const { config } = useKiosk();
  const screen = useFlow((f) => f.screen);
  const visit = useFlow((f) => f.visit);
  const language = useFlow((f) => f.language);
  const highContrast = useFlow((f) => f.highContrast);
  const timeOut = useFlow((f) => f.timeOut);
  // The idle screen needs no timeout, unless someone changed how it looks and walked away.
  const atRest = useFlow(
    (f) =>
      f.screen === f.idleScreen &&
      f.language === f.defaultLanguage &&
      !f.highContrast &&
      !f.largeText,
  );
  const [adminOpen, setAdminOpen] = useState(false);
  const stage = useRef<HTMLElement>(null);
  const live = useScreenAnnouncer(stage, visit);
  const prepared = usePrepared(screen, visit);
  const leaving = useLeaving(screen);
  useTouchGuard();

  const { secondsLeft, poke } = useIdle({
    active: !atRest && screen !== 'thanks' && !adminOpen,
    timeoutMs: config.idleTimeoutSeconds * 1000,
    warnMs: WARN_MS,
    restartKey: visit,
    onTimeout: timeOut,
  });

  // Before the first paint, so the panel never flashes the default colours.
  useLayoutEffect(() => {
    const colours = themeColours(config.branding.colors);
    if (!colours) return;
    // On <html> through CSSOM (the CSP forbids style attributes, not this), so the high-contrast
    // theme on .kiosk below can still override the brand.
    const html = document.documentElement;
    for (const [name, value] of Object.entries(colours)) html.style.setProperty(name, value);
    return () => {
      for (const name of Object.keys(colours)) html.style.removeProperty(name);
    };
  }, [config.branding.colors]);

  useEffect(() => {
    const el = stage.current;
    if (!el || visit === 0) return;
    el.classList.add('settling');
    const timer = setTimeout(() => el.classList.remove('settling'), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [visit]);

  return (
    <div
      className={`kiosk screen-is-${screen} ${highContrast ? 'high-contrast' : ''}`}
      lang={language}
      dir={directionOf(language)}
    >
      <TopBar />
      <main ref={stage} className="stage">
        <div className="screens">
          {/* Keyed by screen: the prepared one keeps its DOM when it becomes the current one,
              and the current one when it is left. In this order no slot's DOM moves. */}
          {leaving && (
            <ScreenSlot key={leaving} place="leaving">
              {SCREENS[leaving]}
            </ScreenSlot>
          )}
          <ScreenSlot key={screen} place="current">
            {SCREENS[screen]}
          </ScreenSlot>
          {prepared && prepared !== leaving && (
            <ScreenSlot key={prepared} place="prepared">
              {SCREENS[prepared]}
            </ScreenSlot>
          )}
        </div>
        <Help />
      </main>
      <p ref={live} className="visually-hidden" role="status" aria-live="polite" />
      <BottomBar />
      {secondsLeft !== null && <StillThere secondsLeft={secondsLeft} onStay={poke} />}
      <AdminLayer onOpenChange={setAdminOpen} />
    </div>
  );
}
