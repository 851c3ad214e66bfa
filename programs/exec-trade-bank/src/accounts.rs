//! Which accounts each program owns. Accounts change only in transactions that list them, so
//! noting the owner of every key of every landed transaction (and of genesis accounts) keeps the
//! index complete without scanning the bank.

use std::collections::{BTreeSet, HashMap};

use solana_sdk::pubkey::Pubkey;

#[derive(Default)]
pub struct AccountIndex {
    owner_of: HashMap<Pubkey, Pubkey>,
    by_owner: HashMap<Pubkey, BTreeSet<Pubkey>>,
}

impl AccountIndex {
    /// Records that `key` is now owned by `owner` (`None`: closed or never created).
    pub fn note(&mut self, key: Pubkey, owner: Option<Pubkey>) {
        if let Some(old) = self.owner_of.remove(&key) {
            if let Some(set) = self.by_owner.get_mut(&old) {
                set.remove(&key);
            }
        }
        if let Some(owner) = owner {
            self.owner_of.insert(key, owner);
            self.by_owner.entry(owner).or_default().insert(key);
        }
    }

    /// The keys last seen owned by `owner`, in key order.
    pub fn owned_by(&self, owner: &Pubkey) -> Vec<Pubkey> {
        self.by_owner
            .get(owner)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_owner_changes_and_closes() {
        let (a, p1, p2) = (
            Pubkey::new_unique(),
            Pubkey::new_unique(),
            Pubkey::new_unique(),
        );
        let mut idx = AccountIndex::default();
        idx.note(a, Some(p1));
        assert_eq!(idx.owned_by(&p1), vec![a]);
        idx.note(a, Some(p2));
        assert!(idx.owned_by(&p1).is_empty());
        assert_eq!(idx.owned_by(&p2), vec![a]);
        idx.note(a, None);
        assert!(idx.owned_by(&p2).is_empty());
    }
}
