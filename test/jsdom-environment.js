import { TextDecoder, TextEncoder } from 'node:util';
import { TestEnvironment } from 'jest-environment-jsdom';

/**
 * Jest's jsdom environment with the Node globals jsdom leaves out and the code under test uses
 * (TextDecoder, fetch). Used by tests that run Mermaid's parser, which needs a browser.
 */
export default class JsdomEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    // fetch and its classes: a test may sync against the GitHub simulator and parse what it wrote.
    const { fetch, Headers, Request, Response, ReadableStream, structuredClone } = globalThis;
    Object.assign(this.global, {
      TextDecoder,
      TextEncoder,
      fetch,
      Headers,
      Request,
      Response,
      ReadableStream,
      structuredClone,
    });
  }
}
