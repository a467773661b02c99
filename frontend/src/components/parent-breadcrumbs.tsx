import { Anchor, Breadcrumbs, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";

interface ParentBreadcrumbsProps {
  /** The list page this page belongs to. */
  readonly parent: { readonly label: string; readonly to: string };
  readonly current: ReactNode;
}

/** "Algorithms / New": a link back to the list, then where we are. */
export function ParentBreadcrumbs({ parent, current }: ParentBreadcrumbsProps) {
  return (
    <Breadcrumbs>
      <Anchor component={Link} to={parent.to} size="sm">
        {parent.label}
      </Anchor>
      <Text size="sm">{current}</Text>
    </Breadcrumbs>
  );
}
