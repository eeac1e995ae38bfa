/** Width of every chart, in SVG user units (the SVGs scale down to the page). */
export const CHART_WIDTH = 960;
/** Room for agent names left of bars and heat-map rows. */
export const LABEL_WIDTH = 230;
/** Room for the numbers right of the share bars. */
export const VALUE_WIDTH = 140;
