/**
 * The organization tree: party organizations (党委 → 党总支 → 党支部 → 党小组) and geographic
 * units (社区/村 → 网格). Each node stores its materialized path so that a subtree is one indexed
 * range query. Rights are granted on a node and cover its subtree.
 */
package org.gongjian.organizations;
