// The page the kiosk shows when its screen keeps failing. Generated here, served from
// app://kiosk like the renderer (so the same CSP applies) and independent of the renderer
// build: it must still appear when that build is what is broken. No script, nothing remote.
export const SHELL_PREFIX = '/_shell/';
export const OUT_OF_SERVICE_PATH = `${SHELL_PREFIX}out-of-service.html`;
const STYLESHEET_PATH = `${SHELL_PREFIX}out-of-service.css`;

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, user-scalable=no">
<title>Out of service</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
<h1>This kiosk is out of service</h1>
<p>Sorry for the inconvenience. Please let a member of staff know.</p>
</main>
</body>
</html>
`;

const CSS = `html, body { margin: 0; height: 100%; background: #1f2933; color: #f5f7fa; }
body { display: flex; align-items: center; justify-content: center; font: 2rem/1.4 system-ui, sans-serif;
  user-select: none; cursor: default; }
main { max-width: 40rem; padding: 2rem; text-align: center; }
h1 { font-size: 2.5rem; margin: 0 0 1rem; }
p { margin: 0; opacity: 0.85; }
`;

/** The shell's own files by path under app://kiosk, with their content types. */
export const SHELL_FILES: Readonly<Record<string, { body: string; type: string }>> = {
  [OUT_OF_SERVICE_PATH]: { body: HTML, type: 'text/html; charset=utf-8' },
  [STYLESHEET_PATH]: { body: CSS, type: 'text/css; charset=utf-8' },
};
