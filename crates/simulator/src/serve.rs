//! Serves the router one connection at a time, so that a fault can close a connection
//! abruptly, the way a network does, rather than answering.

use std::sync::Arc;
use std::time::Duration;

use axum::{Extension, Router};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};

/// Lets a handler close the connection its request came on, without an answer.
#[derive(Clone)]
pub(crate) struct ConnectionDropper(Arc<Notify>);

impl ConnectionDropper {
    /// Closes the connection; the handler's future is dropped with it, so this never returns.
    pub(crate) async fn drop_now<T>(&self) -> T {
        self.0.notify_one();
        std::future::pending().await
    }
}

/// Accepts until `stop` is dropped; then every connection, idle or not, is closed.
pub(crate) async fn serve(listener: TcpListener, router: Router, stop: watch::Receiver<()>) {
    let mut stopped = stop.clone();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped.changed() => return,
        };
        match accepted {
            Ok((stream, _)) => {
                tokio::spawn(serve_connection(stream, router.clone(), stop.clone()));
            }
            // Out of file descriptors and the like: give the system a moment.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

async fn serve_connection(stream: TcpStream, router: Router, mut stop: watch::Receiver<()>) {
    let dropped = Arc::new(Notify::new());
    let service =
        TowerToHyperService::new(router.layer(Extension(ConnectionDropper(Arc::clone(&dropped)))));
    let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        () = dropped.notified() => {}
        _ = stop.changed() => {}
    }
}
