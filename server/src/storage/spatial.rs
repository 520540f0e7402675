//! The spatial index as a candidate filter, and totals that stop counting.
//!
//! On SQLite the index is the `event_positions` R*Tree (filled by triggers
//! on `events`), on PostgreSQL a GiST index on `point(lon, lat)` of the
//! listed actions. Either narrows a query to the rows inside a box; the
//! exact conditions on the stored columns stay beside it, since R*Tree
//! rounds to 32-bit floats.

use sea_orm::sea_query::{Expr, Query, SimpleExpr, Value};
use sea_orm::{Condition, ConnectionTrait, DbBackend, DbErr, QuerySelect, QueryTrait, Select};

use shared::limits::TOTAL_COUNTED_MAX;

use crate::domain::geometry::BBox;
use crate::entities::event;

/// The longitude ranges of `b`: two when it crosses the antimeridian.
pub(super) fn lon_ranges(b: &BBox) -> Vec<(f64, f64)> {
    if b.min_lon <= b.max_lon {
        vec![(b.min_lon, b.max_lon)]
    } else {
        vec![(b.min_lon, 180.0), (-180.0, b.max_lon)]
    }
}

/// Whether `b` is the whole world, where an index narrows nothing.
pub fn is_world(b: &BBox) -> bool {
    b.min_lon <= -180.0 && b.max_lon >= 180.0 && b.min_lat <= -90.0 && b.max_lat >= 90.0
}

/// Rows of `campaign_id` whose public point the index finds in `b`.
pub fn candidates_in(backend: DbBackend, campaign_id: i64, b: &BBox) -> Condition {
    let ranges = lon_ranges(b);
    match backend {
        DbBackend::Sqlite => {
            let one = "SELECT id FROM event_positions WHERE min_lon <= ? AND max_lon >= ? \
                       AND min_lat <= ? AND max_lat >= ? AND campaign_id = ?";
            let sql = format!(
                "\"events\".\"id\" IN ({})",
                vec![one; ranges.len()].join(" UNION ALL ")
            );
            let values = ranges.iter().flat_map(|&(west, east)| -> [Value; 5] {
                [
                    east.into(),
                    west.into(),
                    b.max_lat.into(),
                    b.min_lat.into(),
                    campaign_id.into(),
                ]
            });
            Condition::all().add(Expr::cust_with_values(sql, values))
        }
        _ => ranges.iter().fold(Condition::any(), |any, &(west, east)| {
            any.add(point_in_box(west, b.min_lat, east, b.max_lat))
        }),
    }
}

/// `point(lon, lat) <@ box`, the form the GiST index answers.
fn point_in_box(west: f64, south: f64, east: f64, north: f64) -> SimpleExpr {
    Expr::cust_with_values(
        "point(\"events\".\"public_longitude\", \"events\".\"public_latitude\") \
         <@ box(point($1, $2), point($3, $4))",
        [west, south, east, north],
    )
}

/// How many rows `query` matches, up to [`TOTAL_COUNTED_MAX`], and whether
/// counting stopped there.
pub async fn count_up_to(
    db: &impl ConnectionTrait,
    query: Select<event::Entity>,
) -> Result<(u64, bool), DbErr> {
    let limited = query
        .select_only()
        .column(event::Column::Id)
        .limit(TOTAL_COUNTED_MAX + 1)
        .into_query();
    let count = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_subquery(limited, "matches")
        .to_owned();
    let n = match db.query_one(&count).await? {
        Some(row) => row.try_get_by_index::<i64>(0)?,
        None => 0,
    } as u64;
    Ok((Ord::min(n, TOTAL_COUNTED_MAX), n > TOTAL_COUNTED_MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_across_the_antimeridian_is_two_ranges() {
        let pacific = BBox {
            min_lon: 170.0,
            min_lat: -20.0,
            max_lon: -170.0,
            max_lat: 0.0,
        };
        assert_eq!(lon_ranges(&pacific), vec![(170.0, 180.0), (-180.0, -170.0)]);
        assert!(!is_world(&pacific));
        let world = BBox {
            min_lon: -180.0,
            min_lat: -90.0,
            max_lon: 180.0,
            max_lat: 90.0,
        };
        assert!(is_world(&world));
    }
}
