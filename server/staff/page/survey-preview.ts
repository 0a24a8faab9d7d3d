// The survey preview: the real kiosk page (the collector serves the built renderer under
// PREVIEW_PATH) in a frame of a kiosk panel's size, 1920×1080 or 1080×1920, scaled down to fit,
// in any of the draft's languages. The frame is sandboxed without allow-same-origin: the kiosk
// page runs in an opaque origin and cannot reach this page, its session or the staff API. It
// asks for its config when ready; this page answers that frame alone with the draft.
import { PREVIEW_MESSAGE, PREVIEW_PATH } from '../../../shared/preview.ts';
import { el } from './dom.ts';
import { field, select } from './form.ts';
import type { Draft } from './survey-texts.ts';

const PANELS = { landscape: [1920, 1080], portrait: [1080, 1920] } as const;
type Panel = keyof typeof PANELS;
/** The panel's bezel around the frame (surveys.css .preview-box border). */
const FRAME_EDGE_PX = 6;

/** The draft as the kiosk page's config; a kiosk's own settings are the preview's. */
function previewConfig(draft: Draft, language: string) {
  return {
    kioskId: 'preview',
    location: 'Preview',
    touchpoint: 'Preview',
    languages: { ...draft.languages, default: language },
    // Long enough that the preview does not reset while someone reads it.
    idleTimeoutSeconds: 600,
    thankYouLockSeconds: 3,
    branding: draft.branding,
    survey: draft.survey,
  };
}

/** The preview panel; `show()` loads the draft as it is now. Returns how to stop listening. */
export function surveyPreview(draft: () => Draft): {
  node: HTMLElement;
  show(): void;
  /** The draft's languages changed: offer them. */
  languagesChanged(): void;
  stop(): void;
} {
  const languages = () => draft().languages.available;
  const language = select('language', [], '');
  const panel = select(
    'panel',
    [
      ['landscape', 'Landscape 1920×1080'],
      ['portrait', 'Portrait 1080×1920'],
    ],
    'landscape',
  );
  const stage = el('div', { class: 'preview-stage' });
  let frame: HTMLIFrameElement | null = null;
  let config: unknown = null;

  const onMessage = (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; ready?: unknown } | null;
    if (!frame || event.source !== frame.contentWindow || data?.type !== PREVIEW_MESSAGE) return;
    // The frame's origin is opaque ("null"), so '*' is the only target that reaches it; the
    // source check above makes sure it is our frame asking.
    frame.contentWindow!.postMessage({ type: PREVIEW_MESSAGE, config }, '*');
  };
  addEventListener('message', onMessage);

  const show = () => {
    const d = draft();
    if (!languages().includes(language.value)) language.value = d.languages.default;
    config = previewConfig(d, language.value || d.languages.default);
    const [width, height] = PANELS[panel.value as Panel];
    // Fit the stage's width, and a portrait panel also a screen's height.
    const room = Math.max(stage.clientWidth - 2 * FRAME_EDGE_PX, 260);
    const scale = Math.min(room / width, panel.value === 'portrait' ? 640 / height : 1, 0.5);
    frame = el('iframe', {
      class: 'preview-frame',
      title: `Kiosk preview, ${panel.value}, ${language.value}`,
      sandbox: 'allow-scripts',
      width: String(width),
      height: String(height),
      referrerpolicy: 'no-referrer',
    });
    frame.style.transform = `scale(${scale})`;
    frame.src = `${PREVIEW_PATH}index.html`;
    const box = el('div', { class: 'preview-box' }, frame);
    box.style.width = `${Math.round(width * scale)}px`;
    box.style.height = `${Math.round(height * scale)}px`;
    stage.replaceChildren(box);
  };
  language.addEventListener('change', show);
  panel.addEventListener('change', show);
  const again = el('button', { type: 'button', class: 'secondary' }, 'Show the draft');
  again.addEventListener('click', show);

  const node = el(
    'section',
    { class: 'survey-preview', 'aria-label': 'Preview' },
    el('h2', {}, 'Preview'),
    el(
      'div',
      { class: 'preview-controls' },
      field('Language', language),
      field('Panel', panel),
      again,
    ),
    el(
      'p',
      { class: 'field-hint' },
      'The kiosk page itself, with this draft: tap through it. Nothing is stored.',
    ),
    stage,
  );
  const languagesChanged = () => {
    const chosen = language.value;
    language.replaceChildren(...languages().map((l) => el('option', { value: l }, l)));
    language.value = languages().includes(chosen) ? chosen : draft().languages.default;
  };
  return { node, show, languagesChanged, stop: () => removeEventListener('message', onMessage) };
}
