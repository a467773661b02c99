import { Select } from "@mantine/core";
import { sortValue, type ListSort, type ListSorting } from "@/lib/list-sort";

interface SortSelectProps<K extends string> {
  readonly sorting: ListSorting<K, unknown>;
  /** Each column's name. */
  readonly labels: Readonly<Record<K, string>>;
  readonly sort: ListSort<K>;
  readonly onChange: (sort: ListSort<K>) => void;
  readonly w?: number | Record<string, number | string>;
}

function wayLabel(newest: boolean, descending: boolean): string {
  if (newest) return descending ? "newest first" : "oldest first";
  return descending ? "Z to A" : "A to Z";
}

/**
 * The list's sort chosen from a menu, where there are no column headers to click (the cards on a
 * phone): each column both ways, the way its header's first click sorts first.
 */
export function SortSelect<K extends string>({ sorting, labels, sort, onChange, w }: SortSelectProps<K>) {
  const data = sorting.keys.flatMap((key) => {
    const newest = sorting.newestFirst.includes(key);
    return [newest, !newest].map((descending) => ({
      value: sortValue({ key, descending }),
      label: `${labels[key]}, ${wayLabel(newest, descending)}`,
    }));
  });
  return (
    <Select
      label="Sort"
      data={data}
      value={sortValue(sort)}
      onChange={(value) => {
        onChange(sorting.parse(value));
      }}
      allowDeselect={false}
      w={w}
    />
  );
}
