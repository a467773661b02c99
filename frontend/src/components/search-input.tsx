import { TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";

interface SearchInputProps {
  /** The search in effect (from the URL). */
  readonly value: string;
  /** Called with the trimmed text after a pause in typing. */
  readonly onSearch: (value: string) => void;
  readonly label?: string;
  readonly ariaLabel?: string;
  readonly placeholder: string;
  readonly w?: number | Record<string, number | string>;
  readonly maw?: number;
  readonly mb?: string;
}

/**
 * A search box that sends what is typed after a pause (300 ms) and follows the value from outside (a
 * back button, a link) without undoing what is being typed.
 */
export function SearchInput({
  value,
  onSearch,
  label,
  ariaLabel,
  placeholder,
  w,
  maw,
  mb,
}: SearchInputProps) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text.trim(), 300);
  useEffect(() => {
    if (debounced !== value.trim()) onSearch(debounced);
    // Only typing sends the search; a change of `value` from outside is taken below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  // `value` changed: by our own debounced search (keep what is typed since) or from outside.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (value.trim() !== debounced) setText(value);
  }
  return (
    <TextInput
      label={label}
      aria-label={ariaLabel}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
      }}
      w={w}
      maw={maw}
      mb={mb}
    />
  );
}
