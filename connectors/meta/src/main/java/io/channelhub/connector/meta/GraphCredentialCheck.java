package io.channelhub.connector.meta;

import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.spi.CredentialCheck;
import java.util.function.Supplier;

/** Runs a Meta connector's credential check call and says what came of it, without a secret in the detail. */
public final class GraphCredentialCheck {

    private GraphCredentialCheck() {
    }

    /**
     * @param lookup one cheap Graph call with the tenant's token; returns what ops should see when it works
     */
    public static CredentialCheck run(Supplier<String> lookup) {
        try {
            return CredentialCheck.ok(lookup.get());
        } catch (PermanentChannelException e) {
            return CredentialCheck.rejected(e.getMessage());
        } catch (ChannelException e) {
            return CredentialCheck.unreachable(e.getMessage());
        } catch (RuntimeException e) {
            return CredentialCheck.unreachable("credential check failed: " + e.getClass().getSimpleName());
        }
    }
}
