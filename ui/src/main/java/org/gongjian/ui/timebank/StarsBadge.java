package org.gongjian.ui.timebank;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.gongjian.points.Stars;
import org.gongjian.timebank.Hours;

/**
 * A member's volunteer stars (★★☆☆☆, read aloud as "2 stars"), their cumulative service hours
 * and the hours of the next star: on the time-bank card of the member page and on 我的积分.
 */
public final class StarsBadge extends Div {

    public StarsBadge(Stars.Rating rating) {
        addClassName("gj-stars-badge");
        Span star = new Span(
                "★".repeat(rating.stars()) + "☆".repeat(rating.thresholds().size() - rating.stars()));
        star.addClassName("gj-stars");
        star.setId("points-stars");
        star.getElement().setAttribute("aria-label", getTranslation("points.stars", rating.stars()));
        Span hours = new Span(getTranslation(
                "points.service-hours",
                Hours.of(rating.serviceMinutes()).stripTrailingZeros().toPlainString()));
        hours.addClassName("gj-card-note");
        hours.setId("points-service-hours");
        add(star, hours);
        if (rating.nextAt() != null) {
            Span next = new Span(getTranslation("points.next-star", rating.nextAt()));
            next.addClassName("gj-card-note");
            next.setId("points-next-star");
            add(next);
        }
    }
}
