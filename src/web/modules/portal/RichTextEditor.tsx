import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  labelId: string;
  value: unknown;
  onChange: (doc: { type: 'doc'; content: unknown[] }) => void;
}

/** The structured editor (Tiptap): what it produces is JSON the server renders and sanitizes. */
export function RichTextEditor({ id, labelId, value, onChange }: Props) {
  const { t } = useTranslation();
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [2, 3, 4] } })],
    content: value as object,
    editorProps: {
      attributes: {
        id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        class: 'rte-content',
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.getJSON() as { type: 'doc'; content: unknown[] }),
  });
  const tool = (label: string, run: () => void, active: boolean) => (
    <button type="button" className="btn btn-quiet btn-small" aria-pressed={active} onClick={run}>
      {label}
    </button>
  );
  return (
    <div className="rte">
      {editor ? (
        <div role="toolbar" aria-label={t('portal.editor.toolbar')} className="rte-toolbar">
          {tool(
            t('portal.editor.bold'),
            () => editor.chain().focus().toggleBold().run(),
            editor.isActive('bold'),
          )}
          {tool(
            t('portal.editor.italic'),
            () => editor.chain().focus().toggleItalic().run(),
            editor.isActive('italic'),
          )}
          {tool(
            t('portal.editor.heading'),
            () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
            editor.isActive('heading'),
          )}
          {tool(
            t('portal.editor.list'),
            () => editor.chain().focus().toggleBulletList().run(),
            editor.isActive('bulletList'),
          )}
        </div>
      ) : null}
      <EditorContent editor={editor} />
    </div>
  );
}
