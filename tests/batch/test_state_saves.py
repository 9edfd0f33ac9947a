"""The incremental state saved now and then while a batch builds: at least a second apart, and rarer when saves grow long."""

from __future__ import annotations

from disclosure_gen.batch.state import SAVE_INTERVAL, SAVE_SHARE, PeriodicSaves, read_state, write_state


class Clock:
    """A clock the test moves; each save moves it on by `saving` seconds, as writing a large state would take."""

    def __init__(self, saving: float = 0.0) -> None:
        self.now, self.saving = 100.0, saving

    def __call__(self) -> float:
        return self.now

    def write(self, folder, state) -> None:
        write_state(folder, state)
        self.now += self.saving


def test_a_change_is_saved_once_a_second_has_passed_since_the_last_save(tmp_path):
    clock, state = Clock(), {}
    saves = PeriodicSaves(tmp_path, state, clock, clock.write)
    saves.save()
    state["a.yaml"] = {"key": "1"}
    clock.now += SAVE_INTERVAL / 2
    saves.changed()
    assert read_state(tmp_path) == {}
    clock.now += SAVE_INTERVAL / 2
    saves.changed()
    assert read_state(tmp_path) == {"a.yaml": {"key": "1"}}


def test_a_long_save_puts_the_next_one_off_so_saves_take_a_small_share_of_the_time(tmp_path):
    clock, state = Clock(saving=0.8), {}  # a province's state: most of a second to write
    saves = PeriodicSaves(tmp_path, state, clock, clock.write)
    saves.save()
    state["a.yaml"] = {"key": "1"}
    clock.now += 0.8 / SAVE_SHARE - 1  # 15 s on: a one-second interval would have saved long ago
    saves.changed()
    assert read_state(tmp_path) == {}
    clock.now += 1
    saves.changed()
    assert read_state(tmp_path) == {"a.yaml": {"key": "1"}}
