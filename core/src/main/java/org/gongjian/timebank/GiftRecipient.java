package org.gongjian.timebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.gongjian.members.HouseholdRelation;

/** A direct relative in the giver's household who may receive a gift of minutes (转赠). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TimeBankGiftRecipient")
public record GiftRecipient(long memberId, String name, HouseholdRelation relation) {}
