/**
 * The hello plugin: the smallest complete Gongjian plugin and the seed of new ones. It owns one
 * table ({@code hello_greeting}), contributes a dashboard metric (how many greetings were left) and
 * a page where an administrator leaves a greeting. Copy this folder to start a plugin.
 */
package org.gongjian.plugins.hello;
