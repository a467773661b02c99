import { createTheme } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "cyan",
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: "md",
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: "650" },
  components: {
    Table: { defaultProps: { striped: false } },
    Tooltip: { defaultProps: { openDelay: 300 } },
    Modal: { defaultProps: { closeButtonProps: { "aria-label": "Close dialog" } } },
  },
});
