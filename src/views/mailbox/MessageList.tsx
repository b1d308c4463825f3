// The virtualized message list: only the rows in view (plus a margin) exist in the DOM, placed
// by position inside a spacer as tall as the whole list, so a 100,000-message folder scrolls to
// any point; windows of rows load as they come into view.
import { createEffect, createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { formatBytes, t } from '../../i18n/index.js';
import type { MessageRow } from '../../shared/api.js';
import type { MessageList as ListModel } from '../../state/message-list.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { addressLabel, formatListDate } from './format.js';

export const ROW_HEIGHT = 52;
const OVERSCAN = 10;

export interface MessageListProps {
  list: ListModel;
  folder: string;
  openUid: number | null;
  cursor: number;
  selected: Set<number>;
  onCursor(position: number): void;
  onOpen(row: MessageRow): void;
  onToggleSelect(row: MessageRow, range: boolean): void;
}

export function MessageListView(props: MessageListProps) {
  let viewport!: HTMLDivElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [height, setHeight] = createSignal(600);
  const total = () => props.list.total() ?? 0;

  const range = createMemo(() => {
    const first = Math.max(0, Math.floor(scrollTop() / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(total(), Math.ceil((scrollTop() + height()) / ROW_HEIGHT) + OVERSCAN);
    return { first, last };
  });
  const positions = createMemo(() => {
    const { first, last } = range();
    return Array.from({ length: Math.max(0, last - first) }, (_, i) => first + i);
  });

  let pending: number | undefined;
  createEffect(() => {
    const { first, last } = range();
    // While the scrollbar is dragged, wait until it rests before asking for windows.
    clearTimeout(pending);
    pending = window.setTimeout(() => props.list.ensure(first, Math.max(last, first + 1)), 60);
  });
  onCleanup(() => clearTimeout(pending));

  onMount(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(viewport.clientHeight || 600));
    observer.observe(viewport);
    onCleanup(() => observer.disconnect());
  });

  // Keep the keyboard cursor in view.
  createEffect(() => {
    const top = props.cursor * ROW_HEIGHT;
    if (!viewport) return;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + ROW_HEIGHT - viewport.clientHeight;
  });

  const startDrag = (event: DragEvent, row: MessageRow) => {
    const uids = props.selected.has(row.uid) ? [...props.selected] : [row.uid];
    event.dataTransfer?.setData('application/x-webmail-messages', JSON.stringify({ folder: props.folder, uids }));
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  };

  return (
    <div class="message-list">
      <ErrorMessage error={props.list.error()} />
      <Show when={props.list.total() === 0}>
        <p class="list-empty">{t('list.empty')}</p>
      </Show>
      <div
        class="list-viewport"
        ref={viewport}
        role="grid"
        aria-label={t('list.label')}
        aria-rowcount={total()}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div class="list-spacer" style={{ height: `${total() * ROW_HEIGHT}px` }}>
          <For each={positions()}>
            {(position) => {
              const row = () => props.list.rows[position];
              return (
                <div
                  class="list-row"
                  role="row"
                  aria-rowindex={position + 1}
                  style={{ transform: `translateY(${position * ROW_HEIGHT}px)`, height: `${ROW_HEIGHT}px` }}
                  classList={{
                    unread: row() ? !row()!.flags.seen : false,
                    open: row()?.uid === props.openUid,
                    cursor: position === props.cursor,
                    selected: row() ? props.selected.has(row()!.uid) : false,
                    leaving: row() ? props.list.leaving[row()!.uid] === true : false,
                  }}
                  aria-selected={row() ? props.selected.has(row()!.uid) || row()!.uid === props.openUid : false}
                  draggable={row() !== undefined}
                  onDragStart={(e) => row() && startDrag(e, row()!)}
                  onClick={(e) => {
                    const r = row();
                    if (!r) return;
                    props.onCursor(position);
                    if (e.ctrlKey || e.metaKey || e.shiftKey) props.onToggleSelect(r, e.shiftKey);
                    else props.onOpen(r);
                  }}
                  data-uid={row()?.uid}
                >
                  <Show when={row()} fallback={<span class="row-loading">{t('list.loadingRow')}</span>}>
                    {(r) => (
                      <>
                        <span role="gridcell" class="row-select">
                          <input
                            type="checkbox"
                            checked={props.selected.has(r().uid)}
                            aria-label={t('list.select', { sender: addressLabel(r().from) || t('list.unknownSender'), subject: r().subject || t('list.noSubject') })}
                            onClick={(e) => {
                              e.stopPropagation();
                              props.onToggleSelect(r(), e.shiftKey);
                            }}
                          />
                        </span>
                        <span role="gridcell" class="row-markers">
                          <Show when={!r().flags.seen}><span class="marker unread-dot" title={t('list.unread')} aria-label={t('list.unread')} /></Show>
                          <Show when={r().flags.flagged}><span class="marker flag" title={t('list.flagged')} aria-label={t('list.flagged')}>★</span></Show>
                          <Show when={r().flags.answered}><span class="marker answered" title={t('list.answered')} aria-label={t('list.answered')}>↩</span></Show>
                        </span>
                        <span role="gridcell" class="row-from">{addressLabel(r().from) || t('list.unknownSender')}</span>
                        <span role="gridcell" class="row-subject">
                          {r().subject || t('list.noSubject')}
                          <Show when={r().hasAttachment}>
                            <svg class="marker clip" viewBox="0 0 16 16" width="14" height="14" role="img" aria-label={t('list.attachment')}>
                              <title>{t('list.attachment')}</title>
                              <path d="M10.5 4.5 5.2 9.8a1.5 1.5 0 0 0 2.1 2.1l5.6-5.6a3 3 0 0 0-4.2-4.2L3 7.8a4.5 4.5 0 0 0 6.4 6.4l4.1-4.1" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" />
                            </svg>
                          </Show>
                        </span>
                        <span role="gridcell" class="row-date"><time datetime={r().date}>{formatListDate(r().date)}</time></span>
                        <span role="gridcell" class="row-size">{formatBytes(r().size)}</span>
                      </>
                    )}
                  </Show>
                </div>
              );
            }}
          </For>
        </div>
      </div>
    </div>
  );
}
