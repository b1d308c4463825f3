import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { t } from '../../i18n/index.js';
import type { MessageKey } from '../../shared/i18n/en.js';
import type { Folder } from '../../shared/api.js';

export function folderLabel(folder: Folder): string {
  return folder.specialUse ? t(`folder.${folder.specialUse}` as MessageKey) : folder.name;
}

export function folderHref(path: string): string {
  return `/mail/${encodeURIComponent(path)}`;
}

type DropHandler = (path: string, data: string) => void;
const DRAG_TYPE = 'application/x-webmail-messages';

function FolderItem(props: { folder: Folder; current: string; onDropMessages?: DropHandler }) {
  const label = () => folderLabel(props.folder);
  return (
    <li>
      <Show when={props.folder.selectable} fallback={<span class="folder-name">{label()}</span>}>
        <A
          href={folderHref(props.folder.path)}
          class="folder-link"
          classList={{ unread: props.folder.unread > 0 }}
          aria-current={props.current === props.folder.path ? 'page' : undefined}
          data-folder={props.folder.path}
          data-role={props.folder.specialUse ?? undefined}
          onDragOver={(e) => {
            if (e.dataTransfer?.types.includes(DRAG_TYPE) && props.folder.path !== props.current) {
              e.preventDefault();
              e.currentTarget.classList.add('drop-target');
            }
          }}
          onDragLeave={(e) => e.currentTarget.classList.remove('drop-target')}
          onDrop={(e) => {
            e.preventDefault();
            e.currentTarget.classList.remove('drop-target');
            const data = e.dataTransfer?.getData(DRAG_TYPE);
            if (data) props.onDropMessages?.(props.folder.path, data);
          }}
        >
          <span class="folder-name">{label()}</span>
          <Show when={props.folder.unread > 0}>
            <span class="count" aria-label={t('mailbox.unread', { count: props.folder.unread })}>{props.folder.unread}</span>
          </Show>
        </A>
      </Show>
      <Show when={props.folder.children.length > 0}>
        <ul>
          <For each={props.folder.children}>{(child) => <FolderItem folder={child} current={props.current} onDropMessages={props.onDropMessages} />}</For>
        </ul>
      </Show>
    </li>
  );
}

export function FolderTree(props: { folders: Folder[]; current: string; onDropMessages?: DropHandler }) {
  return (
    <ul class="folder-tree">
      <For each={props.folders}>{(folder) => <FolderItem folder={folder} current={props.current} onDropMessages={props.onDropMessages} />}</For>
    </ul>
  );
}
