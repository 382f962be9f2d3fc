package io.channelhub.app.persistence;

import io.channelhub.app.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The shared-commit writers, sized by {@code hub.database.group-commit.*}. */
@Configuration(proxyBeanMethods = false)
class GroupCommitConfiguration {

    @Bean
    GroupCommit groupCommit(TransactionTemplate transaction, HubProperties hub) {
        HubProperties.SharedCommits shared = hub.database().groupCommit();
        return new GroupCommit(transaction, shared.writers(), shared.maxBatch());
    }
}
