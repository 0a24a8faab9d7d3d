// The alert chime, synthesised with WebAudio: no audio file to fetch, nothing for the CSP to
// allow. Browsers only let a page make sound after a user gesture, so the context is created
// on the first click or key press and the chime is silent until then.
let context: AudioContext | null = null;

export function unlockSoundOnFirstGesture(): void {
  const unlock = () => {
    context ??= new AudioContext();
    void context.resume();
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
}

export function soundReady(): boolean {
  return context !== null && context.state === 'running';
}

/** Two rising tones; three for urgent alerts, so the urgent ones are recognisable by ear. */
export function chime(urgent: boolean): void {
  if (!context || context.state !== 'running') return;
  const tones = urgent ? [660, 880, 1100] : [660, 880];
  tones.forEach((frequency, i) => {
    const start = context!.currentTime + i * 0.22;
    const osc = context!.createOscillator();
    const gain = context!.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
    osc.connect(gain).connect(context!.destination);
    osc.start(start);
    osc.stop(start + 0.21);
  });
}
