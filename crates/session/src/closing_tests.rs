use super::*;

const IDLE: BackgroundWork = BackgroundWork {
    watched: 0,
    scheduled: 0,
    starting: 0,
};
const BUSY: BackgroundWork = BackgroundWork {
    watched: 2,
    scheduled: 1,
    starting: 0,
};

fn closed(work: BackgroundWork, tray_shown: bool, tray_explained: bool) -> CloseStep {
    when_closed(CloseFacts {
        asking: None,
        work,
        tray_shown,
        tray_explained,
    })
}

fn asked(question: CloseQuestion, work: BackgroundWork) -> CloseStep {
    CloseStep::Ask(CloseAsked { question, work })
}

#[test]
fn with_nothing_active_closing_quits_whatever_the_tray() {
    for (shown, explained) in [(true, true), (true, false), (false, false)] {
        assert_eq!(closed(IDLE, shown, explained), CloseStep::Quit);
    }
}

#[test]
fn the_first_close_with_work_and_a_tray_explains_the_tray() {
    assert_eq!(
        closed(BUSY, true, false),
        asked(CloseQuestion::KeepRunning, BUSY)
    );
}

#[test]
fn once_explained_closing_hides_the_window_without_asking() {
    assert_eq!(
        closed(BUSY, true, true),
        CloseStep::Hide {
            tray_now_explained: false
        }
    );
}

#[test]
fn without_a_tray_closing_with_work_asks_whether_to_quit() {
    // Hiding a window with no tray to bring it back would lose it: never hide here.
    for explained in [false, true] {
        assert_eq!(
            closed(BUSY, false, explained),
            asked(CloseQuestion::QuitWithoutTray, BUSY)
        );
    }
}

#[test]
fn closing_again_while_asked_takes_the_safe_reading_of_the_question() {
    let again = |asking| {
        when_closed(CloseFacts {
            asking: Some(asking),
            work: BUSY,
            tray_shown: true,
            tray_explained: false,
        })
    };
    assert_eq!(
        again(CloseQuestion::KeepRunning),
        CloseStep::Hide {
            tray_now_explained: true
        }
    );
    assert_eq!(again(CloseQuestion::Quit), CloseStep::Quit);
    assert_eq!(again(CloseQuestion::QuitWithoutTray), CloseStep::Quit);
}

#[test]
fn quitting_from_the_tray_asks_only_when_something_would_stop() {
    assert_eq!(when_quit(IDLE), CloseStep::Quit);
    assert_eq!(when_quit(BUSY), asked(CloseQuestion::Quit, BUSY));
}

#[test]
fn each_answer_has_its_step_and_only_keep_running_notes_the_tray_explained() {
    assert_eq!(
        when_answered(CloseAnswer::KeepRunning),
        CloseStep::Hide {
            tray_now_explained: true
        }
    );
    assert_eq!(when_answered(CloseAnswer::Quit), CloseStep::Quit);
    assert_eq!(when_answered(CloseAnswer::Minimise), CloseStep::Minimise);
    assert_eq!(when_answered(CloseAnswer::Stay), CloseStep::Stay);
}
