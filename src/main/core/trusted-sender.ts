/**
 * An IPC message is trusted only when it comes from our own window's top frame
 * showing our own page: not from an iframe, and not after some navigation.
 */
export function isTrustedSender(
  sender: { webContentsId: number; frameUrl: string | undefined; isMainFrame: boolean },
  expected: { webContentsId: number; pageUrl: string },
): boolean {
  if (sender.webContentsId !== expected.webContentsId || !sender.isMainFrame || !sender.frameUrl) return false;
  const strip = (u: string): string => u.split('#')[0]!.split('?')[0]!;
  return strip(sender.frameUrl) === strip(expected.pageUrl);
}
