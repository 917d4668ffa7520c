import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter, KeyedSerializer } from "./concurrency-limiter.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("ConcurrencyLimiter", () => {
  it("never runs more than the limit at once and runs every task", async () => {
    const limiter = new ConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await tick();
          running -= 1;
          if (i === 5) throw new Error("boom");
          return i;
        }).catch(() => -1),
      ),
    );
    expect(peak).toBe(3);
    expect(results.filter((r) => r >= 0)).toHaveLength(19);
    expect(limiter.active).toBe(0);
  });
});

describe("KeyedSerializer", () => {
  it("orders tasks of one key and lets other keys run alongside", async () => {
    const serializer = new KeyedSerializer();
    const order: string[] = [];
    const task = (label: string, delay: number) => async () => {
      order.push(`start ${label}`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      order.push(`end ${label}`);
      if (label === "a1") throw new Error("a1 fails");
    };
    await Promise.allSettled([serializer.run("a", task("a1", 10)), serializer.run("a", task("a2", 1)), serializer.run("b", task("b1", 1))]);
    expect(order.indexOf("start a2")).toBeGreaterThan(order.indexOf("end a1"));
    expect(order.indexOf("start b1")).toBeLessThan(order.indexOf("end a1"));
    await tick();
    expect(serializer.size).toBe(0);
  });
});
