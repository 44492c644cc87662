/** Types of scripts/l10n-bundle.mjs, for the test that keeps the bundle current. */
export function clientMessages(): string[];
export function bundleText(): string;
