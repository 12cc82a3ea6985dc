package org.pilotcity.funds;

import org.springframework.stereotype.Component;

/** The ministry's payment of the award to the province (财政部拨付奖励资金). */
@Component("recordMinistryPayment")
public class RecordMinistryPayment extends RecordTransfer {

  public RecordMinistryPayment(Ledger ledger) {
    super(ledger, Ledger.TransferLeg.MINISTRY_TO_PROVINCE, "ministry", "拨付");
  }
}
