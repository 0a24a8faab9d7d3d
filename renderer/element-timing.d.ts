// Element Timing (w3c.github.io/element-timing): an element with this attribute has the moment
// its text was first painted recorded by the browser. React passes the attribute through; its
// types do not list it yet.
import 'react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a merge keeps React's parameter
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
