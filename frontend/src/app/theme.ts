import { createTheme, Table } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "cyan",
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: "md",
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: "650" },
  components: {
    Table: Table.extend({
      defaultProps: { striped: false, horizontalSpacing: "md" },
      styles: {
        thead: { backgroundColor: "var(--mantine-color-default-hover)" },
        th: {
          fontSize: "var(--mantine-font-size-xs)",
          fontWeight: 600,
          letterSpacing: "0.04em",
          textTransform: "uppercase",
          color: "var(--mantine-color-dimmed)",
          whiteSpace: "nowrap",
        },
      },
    }),
    Tooltip: { defaultProps: { openDelay: 300 } },
    Modal: { defaultProps: { closeButtonProps: { "aria-label": "Close dialog" } } },
  },
});
