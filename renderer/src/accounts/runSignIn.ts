/**
 * One OAuth sign-in as the renderer drives it: the main process starts the flow and names the provider's page,
 * the page is opened outside the app (the system browser through the desktop shell; a new tab in the web host,
 * RFC 8252 §8.12: never inside the app's own window), then the main process waits until the browser comes back.
 * `onUrl` gets the page's address so the screen can offer it as a link should the browser not open by itself.
 */
import { getApi, type IpcResult, type MailProtocol, type OAuthChoice, type SignInDone } from '../api';
import { openExternal } from '../lib/openExternal';

export type SignInTarget =
  | { readonly oauth: OAuthChoice; readonly loginHint?: string; readonly protocol?: MailProtocol }
  | { readonly accountId: string };

export async function runSignIn(
  target: SignInTarget,
  onUrl: (url: string, flowId: string) => void = () => undefined,
): Promise<IpcResult<SignInDone>> {
  const started = await getApi().beginSignIn(target);
  if (!started.ok) return started;
  onUrl(started.value.url, started.value.flowId);
  await openExternal(started.value.url);
  return getApi().finishSignIn({ flowId: started.value.flowId });
}
