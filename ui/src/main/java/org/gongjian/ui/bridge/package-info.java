/**
 * Vaadin on Micronaut without Spring: the servlet and service whose instantiator takes views and
 * their dependencies from the Micronaut context (and plugin pages from the plugin host), and the
 * container initializers Vaadin would otherwise find by class-path scanning.
 */
package org.gongjian.ui.bridge;
