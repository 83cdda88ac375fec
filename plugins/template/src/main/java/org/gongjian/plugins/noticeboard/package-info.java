/**
 * 公告栏, the notice board: the template to copy for a new plugin. One table ({@link Notices}), a page
 * ({@link NoticeBoardPage}), two endpoints ({@link ListNotices}, {@link PostNotice}), a settings form
 * ({@link NoticeBoardSettings}), a rule event ({@link NoticePosted}) and its messages in Chinese and
 * English; everything reaches the host through the plugin SDK only.
 */
package org.gongjian.plugins.noticeboard;
