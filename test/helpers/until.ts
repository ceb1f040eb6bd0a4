/** Waits for a condition the code under test will make true, failing after `ms`. */
export async function until(cond: () => boolean, ms = 8000, stepMs = 5): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
