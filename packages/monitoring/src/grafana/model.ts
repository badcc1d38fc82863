/**
 * The slice of Grafana's dashboard JSON model (schema version 39) the generated dashboards use, and
 * the builders that lay panels out. Panel ids and grid positions follow from the order panels are
 * added, so the same input always gives the same JSON.
 */

/** The uid of the Prometheus datasource the provisioning file creates. */
export const DATASOURCE_UID = "switchyard-prometheus";

/** Panels reference the datasource through the dashboard's `datasource` variable (import picks one). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template
const DATASOURCE = { type: "prometheus", uid: "${datasource}" } as const;

/** One PromQL query of a panel. */
export interface GrafanaTarget {
  readonly refId: string;
  readonly expr: string;
  readonly legendFormat: string;
  readonly datasource: typeof DATASOURCE;
  readonly instant?: boolean;
  readonly range?: boolean;
}

/** A panel as Grafana stores it (only the fields the generator sets). */
export interface GrafanaPanel {
  readonly id: number;
  readonly type: "timeseries" | "stat" | "table" | "text" | "row" | "bargauge";
  readonly title: string;
  readonly description?: string;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly datasource?: typeof DATASOURCE;
  readonly targets?: readonly GrafanaTarget[];
  readonly fieldConfig?: Readonly<Record<string, unknown>>;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly collapsed?: boolean;
  readonly panels?: readonly GrafanaPanel[];
}

/** A dashboard as Grafana imports it (`id: null`: Grafana assigns one). */
export interface GrafanaDashboard {
  readonly id: null;
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly panels: readonly GrafanaPanel[];
  readonly [key: string]: unknown;
}

/** What a query panel shows: its queries (legend per query) and how. */
export interface QuerySpec {
  readonly expr: string;
  /** The series' legend; `{{label}}` interpolates. */
  readonly legend?: string;
}

/** The options of one query panel. */
export interface PanelSpec {
  readonly type: "timeseries" | "stat" | "table" | "bargauge";
  readonly title: string;
  readonly description: string;
  readonly queries: readonly QuerySpec[];
  /** Grafana unit id: `reqps`, `percentunit`, `s`, `short`, `bytes`, `none`. */
  readonly unit: string;
  /** Width in grid columns (of 24). Default 8. */
  readonly width?: number;
  /** Height in grid rows. Default 8. */
  readonly height?: number;
  /** What the panel says when its queries return nothing. */
  readonly noValue?: string;
  /** Value → text mappings (stat and table panels). */
  readonly mappings?: readonly { readonly value: string; readonly text: string; readonly color: string }[];
  /** Threshold steps, lowest first: `[color, from]` (the first `from` is ignored: base). */
  readonly thresholds?: readonly (readonly [string, number | null])[];
  /** Instant queries (tables and stats of a current state). Default: range. */
  readonly instant?: boolean;
  readonly min?: number;
  readonly max?: number;
}

const REF_IDS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * Lays panels out left to right in rows of 24 columns, in the order they are added, numbering them
 * from 1. Rows (`row`) start a full-width band.
 */
export class DashboardLayout {
  private readonly panels: GrafanaPanel[] = [];
  private nextId = 1;
  private x = 0;
  private y = 0;
  private bandHeight = 0;

  private place(width: number, height: number): { x: number; y: number; w: number; h: number } {
    if (this.x + width > 24) this.newLine();
    const pos = { x: this.x, y: this.y, w: width, h: height };
    this.x += width;
    this.bandHeight = Math.max(this.bandHeight, height);
    return pos;
  }

  private newLine(): void {
    this.y += this.bandHeight;
    this.x = 0;
    this.bandHeight = 0;
  }

  /** A row header: a full-width, expanded band titled `title`. */
  row(title: string): this {
    if (this.x > 0) this.newLine();
    this.panels.push({
      id: this.nextId++,
      type: "row",
      title,
      collapsed: false,
      gridPos: this.place(24, 1),
      panels: [],
    });
    this.newLine();
    return this;
  }

  /** A Markdown text panel. */
  text(title: string, markdown: string, width = 24, height = 4): this {
    this.panels.push({
      id: this.nextId++,
      type: "text",
      title,
      gridPos: this.place(width, height),
      options: {
        mode: "markdown",
        content: markdown,
        code: { language: "plaintext", showLineNumbers: false },
      },
    });
    return this;
  }

  /** A panel of PromQL queries. */
  query(spec: PanelSpec): this {
    if (spec.queries.length > REF_IDS.length) throw new RangeError(`too many queries in '${spec.title}'`);
    const targets = spec.queries.map(
      (q, i): GrafanaTarget => ({
        refId: REF_IDS[i] as string,
        expr: q.expr,
        legendFormat: q.legend ?? "__auto",
        datasource: DATASOURCE,
        ...(spec.instant ? { instant: true, range: false } : {}),
      }),
    );
    const thresholds = spec.thresholds ?? [["green", null]];
    const defaults: Record<string, unknown> = {
      unit: spec.unit,
      ...(spec.min !== undefined ? { min: spec.min } : {}),
      ...(spec.max !== undefined ? { max: spec.max } : {}),
      ...(spec.noValue !== undefined ? { noValue: spec.noValue } : {}),
      thresholds: {
        mode: "absolute",
        steps: thresholds.map(([color, value], i) => ({ color, value: i === 0 ? null : value })),
      },
      mappings:
        spec.mappings === undefined || spec.mappings.length === 0
          ? []
          : [
              {
                type: "value",
                options: Object.fromEntries(
                  spec.mappings.map((m, index) => [m.value, { text: m.text, color: m.color, index }]),
                ),
              },
            ],
      color: { mode: spec.type === "timeseries" ? "palette-classic" : "thresholds" },
    };
    this.panels.push({
      id: this.nextId++,
      type: spec.type,
      title: spec.title,
      description: spec.description,
      gridPos: this.place(spec.width ?? 8, spec.height ?? 8),
      datasource: DATASOURCE,
      targets,
      fieldConfig: { defaults, overrides: [] },
      options: panelOptions(spec.type),
    });
    return this;
  }

  /** The panels laid out so far. */
  done(): GrafanaPanel[] {
    return [...this.panels];
  }
}

function panelOptions(type: PanelSpec["type"]): Record<string, unknown> {
  switch (type) {
    case "timeseries":
      return {
        legend: { displayMode: "list", placement: "bottom", showLegend: true },
        tooltip: { mode: "multi", sort: "desc" },
      };
    case "stat":
      return {
        reduceOptions: { calcs: ["lastNotNull"], fields: "", values: false },
        colorMode: "value",
        graphMode: "area",
        justifyMode: "auto",
        textMode: "auto",
        orientation: "auto",
      };
    case "bargauge":
      return {
        reduceOptions: { calcs: ["lastNotNull"], fields: "", values: false },
        displayMode: "gradient",
        orientation: "horizontal",
        showUnfilled: true,
      };
    case "table":
      return { showHeader: true, cellHeight: "sm", footer: { show: false, reducer: ["sum"], fields: "" } };
  }
}

/** Options of {@link dashboard}. */
export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly panels: readonly GrafanaPanel[];
}

/**
 * A whole dashboard: importable (a `datasource` variable lets the importer pick the Prometheus) and
 * provisionable (the variable defaults to {@link DATASOURCE_UID}, the provisioned datasource).
 */
export function dashboard(spec: DashboardSpec): GrafanaDashboard {
  return {
    id: null,
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: [...spec.tags],
    editable: true,
    graphTooltip: 1,
    refresh: "30s",
    schemaVersion: 39,
    version: 1,
    time: { from: "now-6h", to: "now" },
    timepicker: {},
    timezone: "browser",
    fiscalYearStartMonth: 0,
    liveNow: false,
    weekStart: "",
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: "grafana", uid: "-- Grafana --" },
          enable: true,
          hide: true,
          iconColor: "rgba(0, 211, 255, 1)",
          name: "Annotations & Alerts",
          type: "dashboard",
        },
      ],
    },
    links: [
      {
        type: "dashboards",
        tags: ["switchyard"],
        asDropdown: true,
        title: "Switchyard",
        includeVars: true,
        keepTime: true,
      },
    ],
    templating: {
      list: [
        {
          name: "datasource",
          label: "Prometheus",
          type: "datasource",
          query: "prometheus",
          current: { selected: false, text: "Prometheus (Switchyard)", value: DATASOURCE_UID },
          hide: 0,
          includeAll: false,
          multi: false,
          options: [],
          refresh: 1,
          regex: "",
          skipUrlSync: false,
        },
      ],
    },
    panels: spec.panels,
  };
}

/** Every PromQL expression of a dashboard, with the title of the panel it belongs to, in panel order. */
export function dashboardQueries(d: GrafanaDashboard): { panel: string; refId: string; expr: string }[] {
  const out: { panel: string; refId: string; expr: string }[] = [];
  const visit = (panels: readonly GrafanaPanel[]) => {
    for (const p of panels) {
      for (const t of p.targets ?? []) out.push({ panel: p.title, refId: t.refId, expr: t.expr });
      if (p.panels) visit(p.panels);
    }
  };
  visit(d.panels);
  return out;
}
