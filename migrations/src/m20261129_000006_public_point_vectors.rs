//! Safety release: the public point's unit vector (distance order in SQL
//! without reading every row), and stored data brought under the new rules:
//! the search text of city-only actions no longer holds their hidden address,
//! and no description keeps a bare carriage return.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::m20261122_000002_create_events::Events;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Vectors {
    PublicX,
    PublicY,
    PublicZ,
}

fn unit_vector(lat: f64, lon: f64) -> [f64; 3] {
    let (lat, lon) = (lat.to_radians(), lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for column in [Vectors::PublicX, Vectors::PublicY, Vectors::PublicZ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .add_column(ColumnDef::new(column).double().not_null().default(0.0))
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        let rows = db
            .query_all(
                &Query::select()
                    .columns([
                        Events::Id,
                        Events::PublicLatitude,
                        Events::PublicLongitude,
                        Events::LocationVisibility,
                        Events::Title,
                        Events::Description,
                        Events::OrganiserName,
                        Events::City,
                        Events::Address,
                    ])
                    .from(Events::Table)
                    .to_owned(),
            )
            .await?;
        for row in rows {
            let id: i64 = row.try_get("", "id")?;
            let lat: f64 = row.try_get("", "public_latitude")?;
            let lon: f64 = row.try_get("", "public_longitude")?;
            let visibility: String = row.try_get("", "location_visibility")?;
            let title: String = row.try_get("", "title")?;
            let description: Option<String> = row.try_get("", "description")?;
            let organiser: String = row.try_get("", "organiser_name")?;
            let city: String = row.try_get("", "city")?;
            let address: Option<String> = row.try_get("", "address")?;
            let description = description.map(|d| d.replace("\r\n", "\n").replace('\r', "\n"));
            let public_address = if visibility == "city" { None } else { address };
            let parts = [
                Some(title.as_str()),
                description.as_deref(),
                Some(organiser.as_str()),
                Some(city.as_str()),
                public_address.as_deref(),
            ];
            let search_text =
                shared::text::fold(&parts.into_iter().flatten().collect::<Vec<_>>().join(" "));
            let [x, y, z] = unit_vector(lat, lon);
            db.execute(
                &Query::update()
                    .table(Events::Table)
                    .values([
                        (Vectors::PublicX.into_iden(), x.into()),
                        (Vectors::PublicY.into_iden(), y.into()),
                        (Vectors::PublicZ.into_iden(), z.into()),
                        (Events::Description.into_iden(), description.into()),
                        (Events::SearchText.into_iden(), search_text.into()),
                    ])
                    .and_where(Expr::col(Events::Id).eq(id))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Vectors::PublicX, Vectors::PublicY, Vectors::PublicZ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
