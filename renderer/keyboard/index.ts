// The keyboard (simple-keyboard plus layouts) loads as its own chunk: most customers never type.
import { lazy } from 'react';

export const loadKeyboard = () => import('./OnScreenKeyboard.tsx');
export const OnScreenKeyboard = lazy(loadKeyboard);
