export { OnboardingButton } from './OnboardingButton.js';
export { OnboardingMenuItem } from './OnboardingMenuItem.js';
