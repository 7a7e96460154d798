/** Offers a newly installed version of the offline web app (issue 9); filled in with the service worker. */
export function UpdatePrompt() {
  return null;
}
