package org.pilotcity.funds;

import java.time.LocalDate;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * The province's transfer of the whole award to the city (省级财政转拨试点城市): not dated before the
 * ministry paid the province; for a provincial pilot, the province's own payment.
 */
@Component("recordProvincePayment")
public class RecordProvincePayment extends RecordTransfer {

  public RecordProvincePayment(Ledger ledger) {
    super(ledger, Ledger.TransferLeg.PROVINCE_TO_CITY, "province", "转拨");
  }

  @Override
  void checkOrder(FormErrors errors, String pilotKey, LocalDate paidOn) {
    if (ledger().award(pilotKey).map(a -> Ledger.PROVINCIAL.equals(a.fundingLevel())).orElse(false)) {
      return; // a provincial pilot is paid from the province's own money: no ministry payment precedes it
    }
    ledger().transfers(pilotKey).stream().filter(t -> t.leg() == Ledger.TransferLeg.MINISTRY_TO_PROVINCE)
        .findFirst().ifPresentOrElse(
            ministry -> errors.require(paidOn == null || !paidOn.isBefore(ministry.paidOn()), String.format(
                "转拨日期：%s早于财政部拨付日期%s", paidOn, ministry.paidOn())),
            () -> errors.require(false, "财政部尚未登记拨付奖励资金，省级财政不能登记转拨"));
  }
}
