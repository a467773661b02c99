import { Group, Text, ThemeIcon } from "@mantine/core";

export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon
        size={30}
        radius="md"
        variant="gradient"
        gradient={{ from: "cyan.7", to: "teal.5", deg: 135 }}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" aria-hidden>
          <circle cx="12" cy="12" r="7.5" stroke="white" strokeWidth="3" />
        </svg>
      </ThemeIcon>
      <Text fw={750} size="lg" style={{ letterSpacing: "0.04em" }}>
        OASIS
      </Text>
    </Group>
  );
}
