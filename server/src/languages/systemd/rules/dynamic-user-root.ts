import type { UnitRule } from "../rule.js";
import { lastEntry } from "../unit-query.js";
import { parseBoolean } from "../values/scalars.js";

export const dynamicUserRoot: UnitRule = {
  meta: {
    id: "systemd/dynamic-user-root",
    severity: "warning",
    doc: "DynamicUser=yes with User=root (or 0): root exists, so systemd allocates no dynamic user and the service runs as root.",
  },
  check(ctx, report) {
    const dynamic = lastEntry(ctx.unit, "Service", "DynamicUser");
    const user = lastEntry(ctx.unit, "Service", "User");
    if (!dynamic || !user || !parseBoolean(dynamic.value) || (user.value !== "root" && user.value !== "0")) return;
    report(
      user.range,
      `User=${user.value} with DynamicUser=yes: a dynamic user is allocated only when no user of that name exists, and root always does, so this service runs as root — with DynamicUser='s sandboxing, but none of its isolation of identity. Drop User= (or name an unprivileged one).`,
    );
  },
};
