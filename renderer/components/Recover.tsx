// A render error must never leave a customer looking at a blank panel: say sorry, start over.
import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Long enough to read the apology, short enough that the faces are back within 2 s. */
export const RECOVER_MS = 1200;

interface Props {
  /** Asked at the moment of the crash, so it is in the customer's language then. */
  message: () => string;
  onRecover: () => void;
  children: ReactNode;
}

export class Recover extends Component<Props, { failed: boolean }> {
  override state = { failed: false };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[lastword] the kiosk screen crashed; starting over', error, info.componentStack);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.props.onRecover();
      this.setState({ failed: false });
    }, RECOVER_MS);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="setup-page loading" role="alert">
        {this.props.message()}
      </div>
    );
  }
}
