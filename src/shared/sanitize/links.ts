// Transform 2: links. Only http(s) and mailto survive, every <a> opens a new browsing context
// without an opener or a referrer, and the surviving targets go into the report.
import type { MailTransform } from './types.js';
import { absoluteRemote, isLink, normalizeUrl } from './urls.js';

export const linksTransform: MailTransform = {
  name: 'links',
  afterSanitizeAttributes(element, context) {
    const href = element.getAttribute('href');
    if (element.localName !== 'a') {
      if (href !== null) element.removeAttribute('href');
      return;
    }
    // noopener: the new page gets no window.opener to redirect our tab (reverse tabnabbing);
    // noreferrer: the sender's site does not learn the webmail's URL.
    element.setAttribute('target', '_blank');
    element.setAttribute('rel', 'noopener noreferrer');
    if (href === null) return;
    const url = normalizeUrl(href);
    if (!isLink(url)) {
      element.removeAttribute('href');
      return;
    }
    // Written back normalized so the browser follows exactly the URL we judged.
    const target = absoluteRemote(url);
    element.setAttribute('href', target);
    if (!context.links.includes(target)) context.links.push(target);
  },
};
