import { createSpecSyncApp } from './app.js';

/** The Probot app function, for `probot run` and for hosts that load Probot apps. */
export default createSpecSyncApp();
