/**
 * Behaviour of mounted cards: section collapsing, carousel paging, and a placeholder for an image
 * the browser cannot load (an offline machine reaches no card image host).
 */
export function enhanceCards(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button.cc-collapse-toggle')) {
    button.addEventListener('click', () => {
      const target = document.getElementById(button.getAttribute('aria-controls') ?? '');
      if (!target) return;
      const expand = button.getAttribute('aria-expanded') !== 'true';
      target.hidden = !expand;
      button.setAttribute('aria-expanded', String(expand));
      const label = button.querySelector('.cc-collapse-label');
      if (label) label.textContent = button.getAttribute(expand ? 'data-collapse-label' : 'data-expand-label');
    });
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-carousel-step]')) {
    button.addEventListener('click', () => {
      const track = document.getElementById(button.getAttribute('aria-controls') ?? '');
      if (!track) return;
      const step = Number(button.dataset.carouselStep);
      const card = track.querySelector<HTMLElement>('.cc-carousel-card');
      track.scrollBy({ left: step * (card ? card.offsetWidth + 12 : track.clientWidth), behavior: 'smooth' });
    });
  }
  for (const img of root.querySelectorAll<HTMLImageElement>('img.cc-image, img.cc-header-image, img.cc-grid-image, img.cc-icon-image')) {
    const replace = () => {
      const box = document.createElement('span');
      box.className = `${img.className} cc-image-missing`;
      box.setAttribute('role', 'img');
      const alt = img.alt || 'image';
      box.setAttribute('aria-label', `${alt} (not loaded)`);
      box.title = img.src;
      box.style.cssText = img.style.cssText;
      if (!img.classList.contains('cc-icon-image') && !img.classList.contains('cc-header-image')) box.textContent = alt;
      img.replaceWith(box);
    };
    // Called in the task that mounted the card, before any load can have failed.
    img.addEventListener('error', replace, { once: true });
  }
}
