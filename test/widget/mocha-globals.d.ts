// Mocha's globals as web-test-runner provides them to the widget tests (the project has no
// @types/mocha, and tsconfig's `types` would not load it anyway).
type MochaHook = (this: { timeout(ms: number): void }) => void | Promise<void>;
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: MochaHook): void;
declare function before(body: MochaHook): void;
declare function after(body: MochaHook): void;
declare function beforeEach(body: MochaHook): void;
declare function afterEach(body: MochaHook): void;
