package io.channelhub.connector.sms;

import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Message;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.TenantConnector;

/**
 * Asks Twilio whether the tenant's credentials work, with one cheap read: the account itself
 * ({@code GET /2010-04-01/Accounts/{AccountSid}.json}) for auth-token credentials. Standard API keys may
 * not read the Accounts resource (https://www.twilio.com/docs/iam/api-keys), so API-key credentials
 * are checked by listing one message of the account instead. Never throws.
 */
final class SmsCredentialCheck {
    private final TwilioClients clients;

    SmsCredentialCheck(TwilioClients clients) {
        this.clients = clients;
    }

    CredentialCheck check(TenantConnector connector) {
        SmsCredentials credentials;
        try {
            SmsSettings.of(connector);
            credentials = SmsCredentials.of(connector);
        } catch (IllegalStateException e) {
            return CredentialCheck.rejected(e.getMessage());
        }
        try {
            TwilioRestClient client = clients.forTenant(connector.tenantId(), credentials);
            if (credentials.usesApiKey()) {
                Message.reader(credentials.accountSid()).setPageSize(1L).firstPage(client);
                return CredentialCheck.ok("Twilio accepted API key " + credentials.username()
                        + " for account " + credentials.accountSid());
            }
            Account account = Account.fetcher(credentials.accountSid()).fetch(client);
            if (account.getStatus() != null && account.getStatus() != Account.Status.ACTIVE) {
                return CredentialCheck.rejected("Twilio account " + credentials.accountSid() + " is "
                        + account.getStatus());
            }
            return CredentialCheck.ok("Twilio account " + credentials.accountSid() + " is active");
        } catch (TwilioException e) {
            ChannelException failure = SmsErrorClassifier.classify(e, credentials, "Twilio credential check");
            return failure instanceof PermanentChannelException
                    ? CredentialCheck.rejected(failure.getMessage())
                    : CredentialCheck.unreachable(failure.getMessage());
        } catch (RuntimeException e) {
            return CredentialCheck.unreachable("Twilio credential check failed: " + e.getClass().getSimpleName());
        }
    }
}
