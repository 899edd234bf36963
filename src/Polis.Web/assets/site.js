// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

// Copy the permanent link; share it through the system's sheet (Web Share) where the browser offers one.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.copied;
    } catch {
      field.select();
    }
  });
}
for (const button of document.querySelectorAll("button[data-share-url]")) {
  if (!navigator.share) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl }).catch(() => {});
  });
}
