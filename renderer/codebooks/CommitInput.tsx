/**
 * A text field that saves when you leave it or press Enter (Escape puts the stored text back). With
 * `multiline` it is a short textarea for one-paragraph text such as a definition (Enter still saves).
 */
import { useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';

interface CommitInputProps extends Omit<InputHTMLAttributes<HTMLInputElement & HTMLTextAreaElement>, 'value' | 'onChange' | 'onBlur'> {
  value: string;
  onCommit(value: string): void;
  multiline?: boolean;
}

export function CommitInput({ value, onCommit, onKeyDown, multiline = false, ...rest }: CommitInputProps) {
  const [text, setText] = useState(value);
  const [editing, setEditing] = useState(false);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    if (!editing) setText(value);
  }
  const commit = () => {
    setEditing(false);
    if (text !== value) onCommit(text);
  };
  const props = {
    ...rest,
    value: text,
    onChange: (e: { target: { value: string } }) => {
      setEditing(true);
      setText(e.target.value);
    },
    onBlur: commit,
    onKeyDown: (e: KeyboardEvent<HTMLInputElement & HTMLTextAreaElement>) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        commit();
      } else if (e.key === 'Escape' && text !== value) {
        e.preventDefault();
        e.stopPropagation();
        setEditing(false);
        setText(value);
      }
      onKeyDown?.(e);
    },
  };
  return multiline ? <textarea rows={2} {...props} /> : <input {...props} />;
}
